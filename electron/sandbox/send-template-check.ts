import {
  BODY_MAX_CHARS,
  buttonsOf,
  renderMessage,
  templateSlots,
  type Template,
} from '../../shared/domain/templates';
import { fail } from './errors';
import {
  chars,
  checkButtonSet,
  checkHeader,
  checkTextParameters,
  collect,
  parametersOf,
  type Values,
} from './send-checks';
import { checkCarousel, checkOffer } from './send-checks-special';
import type { MediaLookup } from './send-media';

// The whole send checked part by part; it lives apart from the checks of each part so the offer and
// carousel checks (send-checks-special.ts) can reuse the plain ones without an import cycle.

/** Throws a GraphFailure when Cloud API would refuse these components for this template. */
export function checkTemplateParameters(
  t: Template,
  components: unknown,
  media: MediaLookup,
): void {
  const sent = collect(components);
  const values: Values = {};
  const named = t.parameter_format === 'NAMED';
  checkHeader(t, sent, values, media);
  const bodySlots = templateSlots(t).filter((s) => s.component === 'body');
  checkTextParameters('body', bodySlots, parametersOf('body', sent.body), named, values);
  const buttonSlots = templateSlots(t).filter((x) => x.component === 'button');
  checkButtonSet(buttonsOf(t), sent.buttons, buttonSlots, '', values);
  checkOffer(t, sent, values);
  checkCarousel(t, sent, values, media);
  const length = chars(renderMessage(t, values).bodyText);
  if (length > BODY_MAX_CHARS)
    fail(
      132005,
      `The message body is ${length} characters long once filled in; at most ${BODY_MAX_CHARS} are allowed.`,
    );
}
