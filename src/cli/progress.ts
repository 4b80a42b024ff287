/**
 * Progress of a long run on stderr: records, bytes done of the total where known, records per
 * second. Drawn at most every 200 ms, and only on a terminal: a few lines of our own beat a
 * dependency here.
 */
export class Progress {
  #records = 0;
  #bytes = 0;
  #total = 0;
  #known = true;
  #drawn = false;
  #lastDraw = 0;
  readonly #start = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream, private readonly enabled: boolean) {}

  /** Adds an input's size; `undefined` (standard input) makes the total unknown. */
  expect(bytes: number | undefined): void {
    if (bytes === undefined) this.#known = false;
    else this.#total += bytes;
  }

  bytes(n: number): void {
    this.#bytes += n;
  }

  record(): void {
    // Cheap enough per record: a counter, and a clock read every 1024 records.
    if (++this.#records % 1024 === 0 && this.enabled) this.#maybeDraw();
  }

  /** Several records at once (a batch read on a worker thread). */
  records(n: number): void {
    const before = this.#records;
    this.#records += n;
    if (Math.floor(this.#records / 1024) !== Math.floor(before / 1024) && this.enabled) this.#maybeDraw();
  }

  #maybeDraw(): void {
    const now = Date.now();
    if (now - this.#lastDraw < 200) return;
    this.#lastDraw = now;
    const seconds = Math.max((now - this.#start) / 1000, 0.001);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    const done = this.#known && this.#total > 0 ? `${mb(this.#bytes)}/${mb(this.#total)} MB (${Math.floor((100 * this.#bytes) / this.#total)}%)` : `${mb(this.#bytes)} MB`;
    this.stream.write(`\r\x1b[K${this.#records} records, ${done}, ${Math.round(this.#records / seconds)} records/s`);
    this.#drawn = true;
  }

  /** Clears the line, so the report and summary start on a clean one. */
  clear(): void {
    if (this.#drawn) this.stream.write("\r\x1b[K");
    this.#drawn = false;
  }
}
