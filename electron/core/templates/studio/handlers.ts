import type { studioMethods } from '../../../../shared/api/methods/studio';
import type { HandlersFor } from '../../api/handlers';
import type { StudioService } from './service';

export function studioHandlers(studio: StudioService): HandlersFor<typeof studioMethods> {
  return {
    'templates.check': (input) => studio.check(input.json),
    'templates.create': (input) => studio.create(input),
    'templates.drafts': (input) => studio.drafts(input.accountId),
    'templates.status': (input) => studio.status(input),
    'templates.remove': (input) => studio.remove(input),
    'templates.library': (input) => studio.library(input),
    'templates.fromLibrary': (input) => studio.fromLibrary(input),
  };
}
