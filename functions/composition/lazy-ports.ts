// Ports built on their first use and kept for the cold start's lifetime: a function is only
// given the environment variables of the ports it uses, so no port may be built up front.

export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

/** An object whose every property is built by its builder on its first read, once. */
export function lazyPorts<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const ports = {} as T;
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    Object.defineProperty(ports, key, { get: once(builders[key]), enumerable: true });
  }
  return ports;
}
