// The report's typeface: Tinos (Apache-2.0), metric-compatible with Times New Roman, the face
// the Vietnamese official-document rules name. Files come from @expo-google-fonts/tinos and
// are read once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { environment } from '../env.ts';

export const FONT_STYLES = ['regular', 'bold', 'italic', 'bolditalic'] as const;
export type FontStyle = (typeof FONT_STYLES)[number];

const FILES: Record<FontStyle, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

let packageDir: string | undefined;
let cache: Readonly<Record<FontStyle, Buffer>> | undefined;

/** The TTF files the stack copies beside the render-report bundle (see infra/stack.ts). */
export const BUNDLED_FONT_FILES: readonly string[] = Object.values(FILES);

/**
 * Absolute path of the TTF file of one style: from the npm package when it is installed,
 * or from TONGKET_FONT_DIR inside a Lambda bundle, where the package is not.
 */
export function fontPath(style: FontStyle): string {
  const bundled = environment().TONGKET_FONT_DIR;
  if (bundled) return path.join(bundled, path.basename(FILES[style]));
  packageDir ??= path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
  return path.join(packageDir, FILES[style]);
}

/** The four TTF files, read on first use and kept for the life of the process. */
export function loadFonts(): Readonly<Record<FontStyle, Buffer>> {
  cache ??= Object.freeze({
    regular: readFileSync(fontPath('regular')),
    bold: readFileSync(fontPath('bold')),
    italic: readFileSync(fontPath('italic')),
    bolditalic: readFileSync(fontPath('bolditalic')),
  });
  return cache;
}
