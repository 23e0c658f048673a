export { detectOptOut, matchOptOutText } from './detect';
export { OPT_OUT_KEYWORDS } from './keywords';
