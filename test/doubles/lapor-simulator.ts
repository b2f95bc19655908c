// Starts the LAPOR! simulator on an ephemeral port, mounted under a path prefix like the hub
// does, so that tests exercise real HTTP and the connector's path-prefix handling.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expect } from 'vitest';
import { ConnectorError } from '../../src/connectors/connector.js';
import { createLaporSimulator, type LaporSimulatorControl, type LaporSimulatorOptions } from '../../src/simulator/index.js';

export interface RunningLaporSimulator {
  /** API base URL, e.g. http://127.0.0.1:PORT/simulator/lapor */
  url: string;
  control: LaporSimulatorControl;
  close(): Promise<void>;
}

export async function startLaporSimulator(
  options: LaporSimulatorOptions = {},
  mountPath = '/simulator/lapor',
): Promise<RunningLaporSimulator> {
  const { router, control } = createLaporSimulator(options);
  const app = express();
  app.use(mountPath, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mountPath}`,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a delayed (fault) request must not hold the test open
        server.close(() => resolve());
      }),
  };
}

/** A report body that passes every rule of the contract; override fields per test. */
export function validReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: 'PENGADUAN',
    title: 'Jalan berlubang di depan Pasar Cibeureum',
    content: 'Jalan di depan Pasar Cibeureum rusak parah dan membahayakan pengendara motor.',
    date_of_incident: '2026-01-10',
    category: 'infrastruktur',
    location: { code: '32.73', name: 'Kota Bandung', address: 'Jl. Cibeureum depan pasar', latitude: -6.9175, longitude: 107.5695 },
    institution_id: null,
    is_anonymous: false,
    is_secret: false,
    reporter: { name: 'Siti', phone: '+6281234567890', email: null },
    attachments: [{ filename: 'foto.jpg', mime_type: 'image/jpeg', url: 'https://hub.example/media/abc' }],
    channel: 'telegram',
    source_app: 'tg-bandung',
    ...overrides,
  };
}

/** The ConnectorError a call ends with (fails the test when it resolves or throws another error). */
export async function connectorFailure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => { throw new Error('expected a ConnectorError'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}
