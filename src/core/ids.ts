import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

/** Message ids sort by creation time within a process (webchat `after=` relies on it). */
export const newMessageId = (): string => `m_${ulid()}`;
