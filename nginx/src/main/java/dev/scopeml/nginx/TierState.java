package dev.scopeml.nginx;

import dev.scopeml.processes.JsonStateFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the controller knows of the tier; written to disk after every step so a restarted controller
 * carries on from where the last one stopped.
 *
 * @param frontDoor nginx's public listener
 * @param release the release new backends are started from
 * @param slots the upstream's slots, in nginx's configuration: the tier's capacity
 * @param backends the backends, each in its own slot, in start order
 */
public record TierState(
    FrontDoor frontDoor, ScorerRelease release, List<Slot> slots, List<Backend> backends) {

  public TierState {
    slots = slots == null ? List.of() : List.copyOf(slots);
    backends = List.copyOf(backends);
  }

  /** The tier state saved in {@code file}, replaced atomically after every step. */
  public static JsonStateFile<TierState> file(Path file) {
    return new JsonStateFile<>(file, TierState.class);
  }

  /** nginx's port. */
  public int listenPort() {
    return frontDoor.port();
  }

  /** A slot no backend fills, if there is one. */
  public Optional<Slot> freeSlot() {
    return slots.stream()
        .filter(slot -> backends.stream().noneMatch(b -> b.slot() == slot.index()))
        .findFirst();
  }

  public TierState withBackends(List<Backend> newBackends) {
    return new TierState(frontDoor, release, slots, newBackends);
  }

  public TierState withRelease(ScorerRelease newRelease) {
    return new TierState(frontDoor, newRelease, slots, backends);
  }

  public TierState withSlots(List<Slot> newSlots) {
    return new TierState(frontDoor, release, newSlots, backends);
  }

  public TierState withFrontDoor(FrontDoor door) {
    return new TierState(door, release, slots, backends);
  }
}
