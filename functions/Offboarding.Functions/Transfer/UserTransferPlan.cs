using Offboarding.Functions.Domain;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>Who leaves, who receives their records and subordinates, and which rule chose the receiver.</summary>
public sealed record UserTransferPlan(ZohoUser Leaver, string TargetId, TargetRule Rule, string Reason, string SubordinatesTargetId);
