// The fields of an Update that the adapter reads, with the Bot API's types. Telegram keeps to
// them; a Bot API emulator or a forged webhook need not, and a field of the wrong type must
// not reach code that trusts it: such an update is ignored (answered, never a 500).
import type { Update } from 'grammy/types';
import { z } from 'zod';

const user = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.looseObject({ id: z.number(), type: z.string() });
const fileRef = { file_id: z.string(), file_unique_id: z.string().optional(), file_size: z.number().optional() };
const entity = z.looseObject({ type: z.string(), offset: z.number(), length: z.number() });
const message = z.looseObject({
  message_id: z.number(),
  date: z.number().optional(),
  edit_date: z.number().optional(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  caption_entities: z.array(entity).optional(),
  photo: z.array(z.looseObject(fileRef)).optional(),
  document: z.looseObject({ ...fileRef, file_name: z.string().optional(), mime_type: z.string().optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  venue: z.looseObject({ title: z.string().optional(), address: z.string().optional() }).optional(),
});
const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  data: z.string().optional(),
  message: z.looseObject({
    message_id: z.number(),
    date: z.number().optional(),
    chat,
    text: z.string().optional(),
    reply_markup: z.looseObject({
      inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))),
    }).optional(),
  }).optional(),
});

const update = z.looseObject({
  update_id: z.number(),
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: callbackQuery.optional(),
});

/** true when every field the adapter reads has the Bot API's type. */
export function isReadableUpdate(value: unknown): boolean {
  return update.safeParse(value).success;
}

/**
 * The chat whose updates must be handled in order (the key grammY's sequentialize uses too):
 * the chat of a message or of a tapped button's message, else the user who tapped.
 */
export function chatKeyOf(update: Update): string | undefined {
  const id = update.message?.chat.id ?? update.edited_message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id;
  return id === undefined ? undefined : String(id);
}
