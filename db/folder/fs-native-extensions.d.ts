// fs-native-extensions ships no types; this is the one function Pulse uses.
declare module "fs-native-extensions" {
  /** An exclusive (or shared) OS lock on an open file: true when granted, false when held elsewhere. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
