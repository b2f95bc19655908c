// Reading officers' Telegram updates (pure): which commands are ours, which messages answer a
// bot post, and where officer commands from outside the officers' chat are routed.
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { route } from '../../bots/telegram/inbound.js';
import { commandOf, isOfficerCommandText, officerInputOf } from '../../bots/telegram/officer-chat.js';

const me = { id: 42, is_bot: true as const, first_name: 'Lapor', username: 'lapor_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as never;
const group = { id: -1009, type: 'supergroup' as const, title: 'Petugas', is_forum: true as const };
const ani = { id: 7, is_bot: false, first_name: 'Ani' };
const botPost = { message_id: 10, date: 1, chat: group, from: { id: 42, is_bot: true, first_name: 'Lapor' }, text: '📢' };

const update = (message: Record<string, unknown>): Update => ({ update_id: 1, message: { message_id: 20, date: 2, chat: group, from: ani, ...message } } as never);

describe('officer commands', () => {
  it('are read with or without this bot\'s name, never another bot\'s', () => {
    expect(commandOf('/ambil 123', me)).toEqual({ name: 'ambil', args: '123' });
    expect(commandOf('/AMBIL@Lapor_Bot 123', me)).toEqual({ name: 'ambil', args: '123' });
    expect(commandOf('/ambil@other_bot 123', me)).toBeUndefined();
    expect(commandOf('/balas 123 Baik,\nterima kasih', me)).toEqual({ name: 'balas', args: '123 Baik,\nterima kasih' });
    expect(commandOf('ambil 123', me)).toBeUndefined();
  });

  it('outside the officers\' chat: /balas, /ambil, /tugas and a two-word /status are officer commands', () => {
    for (const text of ['/balas 1 hi', '/ambil 1', '/tugas', '/status 1 SELESAI']) expect(isOfficerCommandText(text, me)).toBe(true);
    for (const text of ['/status 1', '/start', '/bantuan', 'halo', '/ambil@other_bot 1']) expect(isOfficerCommandText(text, me)).toBe(false);
  });

  it('route a private officer command to the bridge, with the citizen route to fall back on', () => {
    const privateChat = { id: 5, type: 'private' as const, first_name: 'Budi' };
    const command = route(update({ chat: privateChat, from: { ...ani, id: 5 }, text: '/ambil 123' }), me, '-1009');
    expect(command).toMatchObject({ to: 'officer', fallback: { to: 'citizen', chatId: '5' } });
    expect(route(update({ chat: privateChat, from: { ...ani, id: 5 }, text: '/status 123' }), me, '-1009')).toMatchObject({ to: 'citizen' });
    expect(route(update({ text: 'rapat jam 10' }), me, '-1009')).toEqual({ to: 'officer' });
    const otherGroup = { id: -1005, type: 'supergroup' as const, title: 'RW 05' };
    expect(route(update({ chat: otherGroup, text: '/ambil 123' }), me, '-1009')).toEqual({ to: 'officer' });
  });
});

describe('officers\' messages', () => {
  it('answer a bot post when they reply to it, not when they only write in its topic', () => {
    expect(officerInputOf(update({ text: 'Baik', reply_to_message: botPost }), me)).toMatchObject({ replyToMessageId: 10, replyToBotAt: 1 });
    const topicCreated = { message_id: 30, date: 1, chat: group, from: { id: 42, is_bot: true, first_name: 'Lapor' }, forum_topic_created: { name: 't', icon_color: 1 } };
    const inTopic = officerInputOf(update({ text: 'Siapa ke lokasi?', message_thread_id: 30, is_topic_message: true, reply_to_message: topicCreated }), me);
    expect(inTopic).toMatchObject({ threadId: 30 });
    expect(inTopic?.replyToMessageId).toBeUndefined();
  });

  it('leave out edits, bots and media that answers nothing; media in reply is marked', () => {
    expect(officerInputOf({ update_id: 1, edited_message: { message_id: 1, date: 1, edit_date: 2, chat: group, from: ani, text: 'x' } } as never, me)).toBeUndefined();
    expect(officerInputOf(update({ from: { id: 99, is_bot: true, first_name: 'Bot' }, text: '/ambil 1' }), me)).toBeUndefined();
    expect(officerInputOf(update({ photo: [] }), me)).toBeUndefined();
    expect(officerInputOf(update({ photo: [], caption: '/ambil 1', reply_to_message: botPost }), me)).toMatchObject({ media: true, text: '' });
  });
});
