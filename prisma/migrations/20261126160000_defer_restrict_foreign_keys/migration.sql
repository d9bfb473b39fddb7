-- Written by hand: the Prisma schema language cannot declare a foreign key DEFERRABLE.
--
-- The onDelete: NoAction foreign keys say "AWS refuses this deletion" (a non-empty OU, an attached policy, a
-- policy used as a permissions boundary, an OU still governed by Control Tower). PostgreSQL checks NO ACTION at
-- the end of each statement, and every cascade step is a statement of its own: deleting a Design removes, say,
-- an IAM managed policy through one cascade path before the role attachments that use it are removed through
-- another, and the check fires in between. Checked at COMMIT instead, a whole-Design cascade succeeds while
-- deleting a referenced row on its own is still refused (at commit of its transaction). Services should check
-- first anyway, to answer with AWS's own error (OrganizationalUnitNotEmptyException, PolicyInUseException, ...).

ALTER TABLE "Organization" ALTER CONSTRAINT "Organization_managementAccountId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "OrganizationalUnit" ALTER CONSTRAINT "OrganizationalUnit_parentOuId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "Account" ALTER CONSTRAINT "Account_parentRootId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "Account" ALTER CONSTRAINT "Account_parentOuId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "PolicyAttachment" ALTER CONSTRAINT "PolicyAttachment_policyId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "IamUser" ALTER CONSTRAINT "IamUser_boundaryPolicyId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "IamRole" ALTER CONSTRAINT "IamRole_boundaryPolicyId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "IamPolicyAttachment" ALTER CONSTRAINT "IamPolicyAttachment_policyId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "LandingZone" ALTER CONSTRAINT "LandingZone_securityOuId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "LandingZone" ALTER CONSTRAINT "LandingZone_sandboxOuId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "LandingZone" ALTER CONSTRAINT "LandingZone_logArchiveAccountId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "LandingZone" ALTER CONSTRAINT "LandingZone_auditAccountId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "RegisteredOu" ALTER CONSTRAINT "RegisteredOu_ouId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "EnabledControl" ALTER CONSTRAINT "EnabledControl_targetOuId_fkey" DEFERRABLE INITIALLY DEFERRED;
