// Which stored files a value (a conversation state, an engine effect) refers to.
// Generic over the engine's shapes: any object with a string `mediaId` is a reference.
export function mediaIdsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) mediaIdsIn(item, into);
  } else if (value && typeof value === 'object') {
    const { mediaId } = value as { mediaId?: unknown };
    if (typeof mediaId === 'string') into.add(mediaId);
    for (const item of Object.values(value)) mediaIdsIn(item, into);
  }
  return into;
}
