// Server indexes: 1-based positions in a farm role, used in names and hostnames. A new server
// takes the lowest index no live or suspended server holds, so a replacement usually takes
// the index of the server it replaces (web-2 is replaced by a new web-2).

export function lowestFreeIndexes(taken: Iterable<number>, count: number): number[] {
  const held = new Set(taken);
  const free: number[] = [];
  for (let index = 1; free.length < count; index++) {
    if (!held.has(index)) free.push(index);
  }
  return free;
}
