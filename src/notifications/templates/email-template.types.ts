/** What a template is given: the message (its kind, type and params) and the record's context. */
export interface TemplateInput<P = Record<string, unknown>, C = Record<string, unknown>> {
  instanceId: string;
  kind: string;
  type: string;
  params: P;
  context: C;
}

/** One e-mail to one recipient: plain text, French first. */
export interface RenderedEmail {
  to: string;
  /** Who they are, when the record names them (the display name of `to`). */
  toName?: string;
  subject: string;
  text: string;
  /** Which template wrote it (logs and tests). */
  template: string;
}
