// Checks the fault tests share: readiness with a deadline, and "every confirmed report filed once".
import type { PrismaClient } from '@prisma/client';
import { expect } from 'vitest';

/** GET /readyz; a readiness probe that does not answer within timeoutMs fails the test. */
export async function readiness(baseUrl: string, timeoutMs: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.json() };
}

/**
 * Every complaint in the hub has one tracking id, and LAPOR! holds exactly one report per
 * complaint: as many reports as complaints, tracking ids distinct and the same on both sides.
 */
export async function expectFiledOnce(prisma: PrismaClient, reports: { tracking_id: string }[], expected: number): Promise<void> {
  const complaints = await prisma.complaint.findMany({ select: { id: true, trackingId: true } });
  expect(complaints).toHaveLength(expected);
  expect(complaints.every((c) => /^\d{7}$/.test(c.trackingId ?? ''))).toBe(true);
  expect(reports).toHaveLength(expected);
  expect(new Set(reports.map((r) => r.tracking_id)).size).toBe(expected);
  expect(new Set(complaints.map((c) => c.trackingId))).toEqual(new Set(reports.map((r) => r.tracking_id)));
}
