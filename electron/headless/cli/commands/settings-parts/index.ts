import { deliveryPart } from './delivery';
import { filterPart } from './filter';
import type { SettingsPart } from './types';
import { pacingPart } from './pacing';
import { variantsPart } from './variants';

/** Every feature's part of `campaigns settings`; a feature adds its part here. */
export const SETTINGS_PARTS: SettingsPart[] = [filterPart, pacingPart, variantsPart, deliveryPart];
