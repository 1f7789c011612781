package dev.scopeml.cli.stack.supervisor;

/** Something the stack started and must stop again, in reverse order of starting. */
interface StackComponent {

  /** What {@code down} reports as stopped, e.g. "trainer". */
  String name();

  /** Stops it and waits until it is gone; stopping something already gone does nothing. */
  void stop();
}
