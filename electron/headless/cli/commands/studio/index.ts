import type { Command } from '../../framework';
import { checkCommand } from './check-command';
import { libraryCommand } from './library-command';
import { submitCommands } from './submit-commands';

/** The template studio's commands: check, create/submit, status, delete, library. */
export const studioCommands: Command[] = [checkCommand, ...submitCommands, libraryCommand];
