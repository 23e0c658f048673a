import type { Command } from '../../framework';
import { checkCommand } from './check-command';

/** The template studio's commands: check, create/submit, status, delete, library. */
export const studioCommands: Command[] = [checkCommand];
