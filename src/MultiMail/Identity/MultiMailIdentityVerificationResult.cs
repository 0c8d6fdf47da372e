namespace MultiMail.Identity;

/// <summary>The outcome of <see cref="MultiMailIdentity.Verify(string?, string?)"/>.</summary>
public sealed class MultiMailIdentityVerificationResult
{
    private MultiMailIdentityVerificationResult(bool isValid, MultiMailIdentityClaims? claims, string? failureReason)
    {
        IsValid = isValid;
        Claims = claims;
        FailureReason = failureReason;
    }

    /// <summary>Whether the header is well formed and its signature matches the public key.</summary>
    public bool IsValid { get; }

    /// <summary>The signed claims; <see langword="null"/> unless <see cref="IsValid"/> is <see langword="true"/>.</summary>
    public MultiMailIdentityClaims? Claims { get; }

    /// <summary>Why verification failed, in plain words; <see langword="null"/> when <see cref="IsValid"/> is <see langword="true"/>.</summary>
    public string? FailureReason { get; }

    internal static MultiMailIdentityVerificationResult Valid(MultiMailIdentityClaims claims) => new(true, claims, null);

    internal static MultiMailIdentityVerificationResult Invalid(string reason) => new(false, null, reason);
}
