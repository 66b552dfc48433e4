// Lets this Node process import the harness's .ts files (typescript-hooks.js says how, and why not
// tsx). Imported for its effect, first, by the published command; usable as `node --import` too.
import { register } from 'node:module';

register('./typescript-hooks.js', import.meta.url);
// As tsx does: errors thrown in TypeScript report its files and lines, not the transformed code's.
process.setSourceMapsEnabled(true);
