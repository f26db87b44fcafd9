/** Where file bytes live. Keys are ours (`files/<id>`); the bytes arrive already encrypted. */
export interface StorageDriver {
  readonly name: string;
  put(key: string, data: Buffer): Promise<void>;
  /** Undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
  /** Releases connections (S3 client); nothing to do for local files. */
  close?(): void;
}
