import type {
  BodyComponent,
  ButtonsComponent,
  FooterComponent,
  HeaderComponent,
  Template,
} from './types';

/** Typed accessors: a parsed template holds at most one component of each type. */
export const headerOf = (t: Template): HeaderComponent | undefined =>
  t.components.find((c): c is HeaderComponent => c.type === 'HEADER');
export const bodyOf = (t: Template): BodyComponent | undefined =>
  t.components.find((c): c is BodyComponent => c.type === 'BODY');
export const footerOf = (t: Template): FooterComponent | undefined =>
  t.components.find((c): c is FooterComponent => c.type === 'FOOTER');
export const buttonsOf = (t: Template): ButtonsComponent['buttons'] =>
  t.components.find((c): c is ButtonsComponent => c.type === 'BUTTONS')?.buttons ?? [];
