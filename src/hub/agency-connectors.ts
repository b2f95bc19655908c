// One connector per agency, built from the agency's configuration on first use; an integration
// set to `manual` (the admin API's connector choice) sends its reports to officers instead.
// Also remembers each agency's connector health (a 401/403 marks it unhealthy).
import type { PrismaClient } from '@prisma/client';
import { createConnector, type Connector, type ConnectorDefaults } from '../connectors/index.js';

export interface ConnectorHealth {
  ok: boolean;
  detail?: string;
  since: Date;
}

/** as long as the registry's sync: a connector choice made elsewhere holds here within it */
const CHOICE_TTL_MS = 10_000;

export class AgencyConnectors {
  private readonly connectors = new Map<string, Connector>();
  private readonly healthByAgency = new Map<string, ConnectorHealth>();
  /** integration id → 'manual' | 'agency'; forgotten when this process's admin API changes it, and
   *  read again after CHOICE_TTL_MS (another process, a `lapor-hub worker`, may have changed it) */
  private readonly choiceByIntegration = new Map<string, { choice: 'manual' | 'agency'; until: number }>();
  private manual: Connector | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    // resolved on first use: the simulator's URL is known only once the server listens
    private readonly defaults: () => ConnectorDefaults,
  ) {}

  async forAgency(agencyId: string): Promise<Connector> {
    let connector = this.connectors.get(agencyId);
    if (!connector) {
      const agency = await this.prisma.agency.findUniqueOrThrow({ where: { id: agencyId } });
      connector = createConnector(agency, this.defaults());
      this.connectors.set(agencyId, connector);
    }
    return connector;
  }

  /** Where a complaint that came through this integration goes: its own choice, else its agency's. */
  async forIntegration(agencyId: string, integrationId: string): Promise<Connector> {
    const cached = this.choiceByIntegration.get(integrationId);
    let choice = cached && cached.until > Date.now() ? cached.choice : undefined;
    if (!choice) {
      const row = await this.prisma.integration.findUnique({ where: { id: integrationId }, select: { config: true } });
      choice = (row?.config as { connector?: string } | undefined)?.connector === 'manual' ? 'manual' : 'agency';
      this.choiceByIntegration.set(integrationId, { choice, until: Date.now() + CHOICE_TTL_MS });
    }
    if (choice === 'agency') return this.forAgency(agencyId);
    this.manual ??= createConnector({ connectorType: 'manual', connectorConfig: {} }, this.defaults());
    return this.manual;
  }

  forgetIntegration(integrationId: string): void {
    this.choiceByIntegration.delete(integrationId);
  }

  /** drop a cached connector after its agency's configuration changed */
  forget(agencyId: string): void {
    this.connectors.delete(agencyId);
  }

  markHealthy(agencyId: string): void {
    if (this.healthByAgency.get(agencyId)?.ok !== true) this.healthByAgency.set(agencyId, { ok: true, since: new Date() });
  }

  markUnhealthy(agencyId: string, detail: string): void {
    this.healthByAgency.set(agencyId, { ok: false, detail, since: new Date() });
  }

  health(agencyId: string): ConnectorHealth | undefined {
    return this.healthByAgency.get(agencyId);
  }
}
