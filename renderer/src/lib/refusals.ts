import { create } from 'zustand';
import type { ApiError, MethodName } from '../../../shared/api';

/**
 * Every refusal of something the user did reaches the screen (issue 15 item 5). api.call routes
 * each failed action here unless its caller shows the refusal in place (a form's field errors,
 * a dialog's alert); RefusalNotices renders the list where the eye is, at the top of the page.
 */

export interface Refusal {
  id: number;
  title: string;
  message: string;
}

/** Reads are not actions: a failed load shows in the panel that waits for it. */
const READS = new Set<MethodName>([
  'app.info',
  'accounts.list',
  'campaigns.list',
  'campaigns.get',
  'audience.preview',
  'audience.imports',
  'audience.invalidRows',
  'recipients.list',
  'recipients.page',
  'campaigns.precheck',
  'campaigns.status',
  'campaigns.retryFailedPlan',
  'templates.list',
  'campaigns.message',
  'campaigns.preview',
  'campaigns.validate',
  'campaigns.estimate',
  'pricing.rateCard',
  'campaigns.failures',
  'campaigns.timeline',
  'accounts.statusSources',
  'reports.options',
  'accounts.tokenStatus',
  'settings.businessCountry',
  'suppression.list',
  'suppression.removals',
  'suppression.preview',
  'campaigns.analytics',
  'campaigns.buttonClicks',
  'accounts.analytics',
  'campaigns.pacing',
  'campaigns.delivery',
  'accounts.pacingDefaults',
  'campaigns.filter',
  'campaigns.filterCount',
  'variants.get',
  'variants.message',
  'variants.preview',
  'variants.compare',
  'customers.list',
  'customers.show',
  'customers.preview',
  'segments.list',
  'segments.show',
  'segments.count',
  'replies.list',
  'replies.threads',
  'replies.thread',
  'replies.unreadCount',
  'replies.rules',
  'replies.picture',
]);

export const isAction = (method: MethodName): boolean => !READS.has(method);

/** What the user tried, in their words, for the notice's title. */
const TRIED: Partial<Record<MethodName, string>> = {
  'campaigns.create': 'create the campaign',
  'campaigns.rename': 'rename the campaign',
  'campaigns.delete': 'delete the campaign',
  'audience.import': 'import the customer file',
  'audience.clear': 'remove the recipients',
  'campaigns.start': 'start sending',
  'campaigns.pause': 'pause',
  'campaigns.resume': 'resume',
  'campaigns.cancel': 'cancel the campaign',
  'campaigns.testSend': 'send the test',
  'campaigns.retryFailed': 'create the retry draft',
  'accounts.add': 'add the account',
  'accounts.update': 'save the account',
  'accounts.testConnection': 'test the connection',
  'templates.sync': 'sync the templates',
  'templates.add': 'add the template',
  'campaigns.setTemplate': 'choose the template',
  'campaigns.setMapping': 'save the placeholder values',
  'campaigns.setPacing': 'save the pacing',
  'campaigns.setFilter': 'save the audience filter',
  'settings.setBusinessCountry': 'save your country',
  'suppression.add': 'add the number to the opt-out list',
  'suppression.remove': 'remove the number from the opt-out list',
  'suppression.import': 'import the opt-out list',
  'reports.export': 'export the report',
  'pricing.setRates': 'save the prices',
  'replies.send': 'send the answer',
  'replies.sendTemplate': 'send the template',
  'replies.label': 'change the label',
  'replies.setRule': 'save the button rule',
  'replies.media': "get the customer's file",
};

const STATUS_HINT: Partial<Record<ApiError['code'], string>> = {
  UNAVAILABLE: 'Check that Campaign Desk is still running, then try again.',
  INTERNAL: 'Try again; if it keeps happening, the log in the data folder says what went wrong.',
};

interface RefusalState {
  refusals: Refusal[];
  dismiss: (id: number) => void;
}

let nextId = 1;
/** Bounded: a backend refusing in a loop must not grow the page without end. */
const MAX_SHOWN = 5;

export const useRefusals = create<RefusalState>()((set) => ({
  refusals: [],
  dismiss: (id) => set((s) => ({ refusals: s.refusals.filter((r) => r.id !== id) })),
}));

/** The user moved to another page: what was refused on the last one no longer applies here. */
export function clearRefusals(): void {
  if (useRefusals.getState().refusals.length > 0) useRefusals.setState({ refusals: [] });
}

export function reportRefusal(method: MethodName, error: ApiError): void {
  const tried = TRIED[method];
  const hint = STATUS_HINT[error.code];
  const refusal: Refusal = {
    id: nextId++,
    title: tried ? `Could not ${tried}` : 'That did not work',
    message: hint && !error.message.includes(hint) ? `${error.message} ${hint}` : error.message,
  };
  useRefusals.setState((s) => {
    // The same refusal twice in a row (a double click) is shown once.
    const kept = s.refusals.filter(
      (r) => !(r.title === refusal.title && r.message === refusal.message),
    );
    return { refusals: [...kept, refusal].slice(-MAX_SHOWN) };
  });
}
