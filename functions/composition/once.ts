// A port built on its first use and kept for the cold start's lifetime: a function is only
// given the environment variables of the ports it uses, so no port may be built up front.
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
