/** A Web Storage implementation kept in memory: for Node (tests) where there is no localStorage. */
export class MemoryStorage implements Storage {
	#map = new Map<string, string>();
	/** Number of keys. */
	get length(): number {
		return this.#map.size;
	}
	clear(): void {
		this.#map.clear();
	}
	getItem(key: string): string | null {
		return this.#map.get(key) ?? null;
	}
	key(index: number): string | null {
		return [...this.#map.keys()][index] ?? null;
	}
	removeItem(key: string): void {
		this.#map.delete(key);
	}
	setItem(key: string, value: string): void {
		this.#map.set(key, String(value));
	}
}
