// What the fault tests share: readiness with a deadline, "every confirmed report filed once",
// and a LAPOR! that starts answering on a given port.
import { once } from 'node:events';
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import { expect } from 'vitest';
import { createLaporSimulator } from '../../src/simulator/index.js';

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

/** The LAPOR! simulator on a chosen port (where the hub already points), mounted like the hub's. */
export async function startLaporSimulatorOn(port: number, token: string) {
  const { router, control } = createLaporSimulator({ token });
  const server = express().use('/simulator/lapor', router).listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    control,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
