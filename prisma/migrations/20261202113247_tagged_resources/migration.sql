-- CreateTable
CREATE TABLE "TaggedResource" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "TaggedResource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TaggedResource_designId_resourceArn_key" ON "TaggedResource"("designId", "resourceArn");

-- AddForeignKey
ALTER TABLE "TaggedResource" ADD CONSTRAINT "TaggedResource_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;
