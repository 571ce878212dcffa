package org.graphfit.search;

import java.util.ServiceLoader;

/** The {@link Storage} found on the class path, looked up at first use. */
final class StorageHolder {
  private static volatile Storage instance;

  private StorageHolder() {}

  /** The storage, looked up once (two threads racing find the same one). */
  static Storage get() {
    Storage found = instance;
    if (found == null) {
      found =
          ServiceLoader.load(Storage.class, Storage.class.getClassLoader())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no "
                              + Storage.class.getName()
                              + " is registered on the class path: the runtime's jar registers"
                              + " one in META-INF/services; a shaded or repackaged jar must merge"
                              + " service files (maven-shade-plugin's"
                              + " ServicesResourceTransformer)"));
      instance = found;
    }
    return found;
  }
}
