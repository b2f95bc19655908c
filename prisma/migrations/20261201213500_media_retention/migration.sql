-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "complaintId" TEXT,
ADD COLUMN     "conversationId" TEXT,
ADD COLUMN     "keptAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Media_keptAt_complaintId_idx" ON "Media"("keptAt", "complaintId");

-- Files stored before staging existed were taken by their conversations: kept, and marked
-- with the complaint (report or reply to the agency) that carries them, if any.
UPDATE "Media" SET "keptAt" = "createdAt";
UPDATE "Media" AS m SET "complaintId" = c."id"
  FROM "Complaint" AS c, jsonb_array_elements(CASE WHEN jsonb_typeof(c."attachments") = 'array' THEN c."attachments" ELSE '[]' END) AS a
  WHERE a->>'mediaId' = m."id";
UPDATE "Media" AS m SET "complaintId" = e."complaintId"
  FROM "ComplaintEvent" AS e, jsonb_array_elements(CASE WHEN jsonb_typeof(e."data"->'attachments') = 'array' THEN e."data"->'attachments' ELSE '[]' END) AS a
  WHERE m."complaintId" IS NULL AND a->>'mediaId' = m."id";
