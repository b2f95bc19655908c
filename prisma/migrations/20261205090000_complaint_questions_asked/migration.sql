-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "questionsAsked" INTEGER;
