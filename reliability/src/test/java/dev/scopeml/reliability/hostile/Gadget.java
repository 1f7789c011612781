package dev.scopeml.reliability.hostile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a deserialization gadget smuggled into a model artifact: its {@code readObject} has a
 * side effect, here a counter, where a real gadget would run a command. A refused stream must leave
 * the counter untouched.
 */
final class Gadget implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  /** How many instances deserialization has built, in this JVM. */
  static final AtomicInteger BUILT = new AtomicInteger();

  private final String command;

  Gadget(String command) {
    this.command = command;
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    BUILT.incrementAndGet();
  }

  @Override
  public int hashCode() {
    return command.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Gadget gadget && gadget.command.equals(command);
  }
}
