// Speed-tuned: guarded by `npm run bench -- emulator`.
// A first-in-first-out queue over an array with a moving head. Deleting from the front of a Map and
// then iterating it again from the start makes V8 step over every deleted slot until the table is
// rehashed, which turns "drop the oldest" into quadratic work under steady load; this does not.
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    // The slot is not cleared (writing undefined would make an array of numbers generic, boxing
    // every element); the consumed front is reclaimed once it is half the array: amortised O(1).
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
