-- CreateTable
CREATE TABLE "AccessFindingArchive" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessFindingArchive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessFindingArchive_designId_findingId_key" ON "AccessFindingArchive"("designId", "findingId");

-- AddForeignKey
ALTER TABLE "AccessFindingArchive" ADD CONSTRAINT "AccessFindingArchive_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;
