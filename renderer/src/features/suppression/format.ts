import { suppressionSourceLabel } from '../../../../shared/api';
import { fmt } from '../../lib/format';

export const SOURCE_COLOR: Readonly<Record<string, string>> = {
  reply: 'orange',
  button: 'orange',
  user_preferences: 'grape',
  status: 'red',
  send: 'red',
  manual: 'blue',
  csv: 'gray',
};

export const sourceLabel = suppressionSourceLabel;

export const when = (ms: number): string => fmt().date(ms);
