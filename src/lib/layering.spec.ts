/**
 * The layering of src/lib, checked on the source: which folder may import which, read from the
 * static imports (type-only imports and on-demand `import()` are not loaded with a module).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve(import.meta.dirname);

/** Static, value-level import specifiers of one source file. */
function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const out: string[] = [];
	const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
	for (const match of source.matchAll(pattern)) if (!match[1]) out.push(match[2]);
	return out;
}

/** A specifier resolved to a file of src/lib, a package name, or null (elsewhere in the repo). */
function resolveSpecifier(from: string, specifier: string): { file: string } | { pkg: string } | null {
	if (specifier.startsWith('$lib/')) return { file: join(LIB, specifier.slice(5)) };
	if (specifier.startsWith('.')) {
		const file = resolve(dirname(from), specifier);
		return file.startsWith(LIB) ? { file: file.endsWith('.ts') || file.endsWith('.svelte') ? file : join(file, 'index.ts') } : null;
	}
	return { pkg: specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0] };
}

/** Every file and package a module loads, transitively. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
	const files = new Set<string>();
	const packages = new Set<string>();
	const queue = [entry];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		if (!file.endsWith('.ts')) continue;
		for (const specifier of importsOf(file)) {
			const target = resolveSpecifier(file, specifier);
			if (target && 'pkg' in target) packages.add(target.pkg);
			else if (target) queue.push(target.file);
		}
	}
	return { files, packages };
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
	});
}

const folderOf = (file: string) => relative(LIB, file).split('/')[0];

describe('src/lib layering', () => {
	it('loads no Tiptap with the markdown plan format (server export and import stay light)', () => {
		const { packages } = reachable(join(LIB, 'markdown/index.ts'));
		expect([...packages].filter((name) => name.startsWith('@tiptap') || name === 'y-prosemirror')).toEqual([]);
		expect(packages.has('marked')).toBe(true);
	});

	it('has no import cycle between its folders (model, markdown, rich-text, …)', () => {
		const edges = new Map<string, Set<string>>();
		for (const file of sourceFiles(LIB)) {
			for (const specifier of importsOf(file)) {
				const target = resolveSpecifier(file, specifier);
				if (!target || 'pkg' in target) continue;
				const [from, to] = [folderOf(file), folderOf(target.file)];
				if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
			}
		}
		const cycles: string[] = [];
		const visit = (folder: string, path: string[]) => {
			for (const next of edges.get(folder) ?? []) {
				if (next === path[0]) cycles.push([...path, next].join(' → '));
				else if (!path.includes(next) && next > path[0]) visit(next, [...path, next]);
			}
		};
		for (const folder of edges.keys()) visit(folder, [folder]);
		expect(cycles).toEqual([]);
		expect(edges.get('model')?.has('markdown') ?? false).toBe(false);
		expect(edges.get('rich-text')?.has('model') ?? false).toBe(false);
	});
});
