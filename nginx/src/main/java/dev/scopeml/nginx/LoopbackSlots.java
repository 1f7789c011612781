package dev.scopeml.nginx;

import dev.scopeml.processes.LoopbackPorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Slots as ports on 127.0.0.1, below the kernel's ephemeral range so that no client connection of
 * the machine takes one while its slot is empty: for scorers on the host's network.
 */
final class LoopbackSlots {

  private LoopbackSlots() {}

  /** {@code existing} slots kept, new ones added on free ports up to {@code capacity}. */
  static List<Slot> of(int capacity, List<Slot> existing) {
    var slots = new ArrayList<>(existing);
    var taken = new HashSet<Integer>();
    existing.forEach(slot -> taken.add(slot.port()));
    while (slots.size() < capacity) {
      int port = LoopbackPorts.outsideEphemeralRange(taken);
      taken.add(port);
      slots.add(new Slot(slots.size() + 1, "127.0.0.1", port));
    }
    return List.copyOf(slots);
  }
}
