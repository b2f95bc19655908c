// Generated Telegram updates for the fuzz tests: valid ones of every kind the adapter reads
// (text, command, location, photo, document, button tap, edited message), which the fuzz
// files then mutate.
import fc from 'fast-check';
import { nastyString } from './fuzz.js';

const userId = fc.integer({ min: 1, max: 2 ** 40 });
const user = userId.map((id) => ({ id, is_bot: false, first_name: 'Budi', language_code: 'id' }));
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), nastyString, fc.constantFrom('/start', '/status', '/batal', '/help'));

const messageBase = fc.record({ message_id: fc.integer({ min: 1, max: 2 ** 31 - 1 }), date: fc.integer({ min: 0, max: 2 ** 31 - 1 }), from: user })
  .map(({ from, ...rest }) => ({ ...rest, from, chat: { id: from.id, type: 'private', first_name: from.first_name } }));

const content = fc.oneof(
  text.map((t) => ({ text: t })),
  fc.record({ location: fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }) }),
  fc.record({ photo: fc.array(fc.record({ file_id: fc.string({ minLength: 1, maxLength: 20 }), file_unique_id: fc.string({ minLength: 1, maxLength: 10 }), width: fc.nat(4000), height: fc.nat(4000), file_size: fc.nat(10_000_000) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ document: fc.record({ file_id: fc.string({ minLength: 1, maxLength: 20 }), file_unique_id: fc.string({ minLength: 1, maxLength: 10 }), file_name: nastyString, mime_type: fc.constantFrom('application/pdf', 'image/jpeg', 'text/plain'), file_size: fc.nat(50_000_000) }) }),
  fc.record({ contact: fc.record({ phone_number: fc.oneof(fc.constant('+6281234567890'), nastyString), first_name: fc.constant('Budi') }) }),
  fc.record({ sticker: fc.constant({ file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false }) }),
);

const message = fc.tuple(messageBase, content).map(([base, c]) => ({ ...base, ...c }));

/** an update body without update_id (the double, or the test, numbers it) */
export const validUpdateBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 4, arbitrary: message.map((m) => ({ message: m })) },
  message.map((m) => ({ edited_message: { ...m, edit_date: m.date } })),
  fc.tuple(message, user, fc.oneof(fc.constantFrom('PENGADUAN', 'yes', 'skip', 'confirm'), nastyString.map((s) => s.slice(0, 64))))
    .map(([m, from, data]) => ({ callback_query: { id: String(m.message_id), from, chat_instance: 'ci', message: { ...m, from: { id: 1, is_bot: true, first_name: 'bot' } }, data } })),
);
