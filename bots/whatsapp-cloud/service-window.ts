// WhatsApp's 24-hour customer-service window: free-form messages only within 24 hours of the
// citizen's last message; after that only an approved template (Meta answers 131047 otherwise).
import type { CloudMessageBody } from './outbound.js';

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How much of the message a template's body parameter carries. Meta caps a template body at
 * 1024 characters with its parameters filled in; 900 leaves the template's own words room.
 */
export const TEMPLATE_PARAMETER_MAX = 900;

export function windowIsOpen(lastInboundAt: Date | null | undefined, now: Date): boolean {
  return lastInboundAt != null && now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS;
}

export interface Template {
  name: string;
  language: string;
}

/**
 * The template that carries a message outside the window: its text as the one body parameter
 * ({{1}}). Meta refuses a parameter with a newline, a tab or more than four spaces in a row
 * (132018), so lines are joined and spaces squeezed before the text is cut to fit.
 */
export function templateMessage(to: string, template: Template, text: string): CloudMessageBody {
  const flat = text.replace(/\s*\n\s*/g, ' · ').replace(/[\t ]+/g, ' ').trim();
  const parameter = flat.length <= TEMPLATE_PARAMETER_MAX ? flat : `${flat.slice(0, TEMPLATE_PARAMETER_MAX - 1).trimEnd()}…`;
  return {
    to,
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      components: [{ type: 'body', parameters: [{ type: 'text', text: parameter }] }],
    },
  };
}
