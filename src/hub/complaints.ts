// A confirmed report becomes a complaint row and its forward job in one transaction:
// nothing a citizen confirmed is lost, and the job's key (the complaint id) files it once.
import type { Prisma as PrismaNS } from '@prisma/client';
import type { ConfirmedReport } from '../core/report.js';
import { LAPOR_CHANNEL, type ChannelType } from '../core/taxonomy.js';
import type { Enqueue } from './ports.js';

type Tx = PrismaNS.TransactionClient;

export interface NewComplaint {
  agencyId: string;
  integrationId: string;
  channel: string;
  citizenId: string;
  conversationId: string;
  chatId: string;
  now: Date;
  report: ConfirmedReport;
  /** the bot's questions and re-asks from the start of the report to the confirmation */
  questionsAsked?: number;
}

export async function createComplaint(tx: Tx, enqueue: Enqueue, input: NewComplaint): Promise<string> {
  const { report } = input;
  const complaint = await tx.complaint.create({
    data: {
      agencyId: input.agencyId,
      integrationId: input.integrationId,
      citizenId: input.citizenId,
      conversationId: input.conversationId,
      chatId: input.chatId,
      channel: LAPOR_CHANNEL[input.channel as ChannelType] ?? input.channel,
      language: report.language,
      classification: report.classification,
      title: report.title,
      content: report.content,
      category: report.category,
      dateOfIncident: report.dateOfIncident,
      locationCode: report.location?.code ?? null,
      locationName: report.location?.name ?? null,
      locationAddress: report.location?.address ?? null,
      latitude: report.location?.latitude ?? null,
      longitude: report.location?.longitude ?? null,
      isAnonymous: report.isAnonymous,
      isSecret: report.isSecret,
      reporterName: report.isAnonymous ? null : (report.reporter?.name ?? null),
      reporterPhone: report.isAnonymous ? null : (report.reporter?.phone ?? null),
      attachments: report.attachments.map((a) => ({ ...a })),
      status: 'CONFIRMED',
      confirmedAt: input.now,
      questionsAsked: input.questionsAsked ?? null,
    },
  });
  await tx.complaintEvent.create({ data: { complaintId: complaint.id, type: 'confirmed', status: 'CONFIRMED', at: input.now } });
  await enqueue(tx, 'forward_complaint', { complaintId: complaint.id });
  return complaint.id;
}
