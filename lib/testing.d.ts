/** Files of a fixture: paths relative to its folder, `/`-separated, and their content. */
export type FixtureFiles = Record<string, string | Uint8Array>;

export interface Fixture {
  /** The fixture's temp folder (absolute). */
  readonly root: string;
  /** The absolute path of `rel` inside the folder. */
  path(rel: string): string;
  /** Adds or changes a file (folders are created); returns its absolute path. */
  write(rel: string, content: string | Uint8Array): string;
  /** Deletes the folder and everything in it. */
  remove(): void;
}

/** Writes `files` into a fresh temp folder. Remove it with `remove()` (e.g. in `afterEach`). */
export declare function createFixture(files?: FixtureFiles): Fixture;

/** Runs `fn` with `files` written, then removes them, also when `fn` throws or rejects. */
export declare function withFixture<T>(files: FixtureFiles, fn: (fixture: Fixture) => T | Promise<T>): Promise<T>;
