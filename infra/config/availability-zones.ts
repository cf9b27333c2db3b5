/**
 * The availability-zone letters of the regions people most often use (AWS "Regions and Zones" pages), so a
 * letter such as `z` is refused before it becomes a subnet in a zone that does not exist. For a region not
 * listed, letters a-f (the most any region has) are accepted and the operator is pointed at the AWS CLI.
 */
const ZONES: Record<string, string> = {
    "us-east-1": "abcdef",
    "us-east-2": "abc",
    "us-west-1": "abc",
    "us-west-2": "abcd",
    "ca-central-1": "abd",
    "sa-east-1": "abc",
    "eu-central-1": "abc",
    "eu-west-1": "abc",
    "eu-west-2": "abc",
    "eu-west-3": "abc",
    "eu-north-1": "abc",
    "ap-northeast-1": "acd",
    "ap-northeast-2": "abcd",
    "ap-northeast-3": "abc",
    "ap-southeast-1": "abc",
    "ap-southeast-2": "abc",
    "ap-south-1": "abc",
};

const FALLBACK = "abcdef";

/** The zone letters of `region`, and whether they come from the table above. */
export function zoneLetters(region: string): { letters: string[]; known: boolean } {
    const letters = ZONES[region];
    return { letters: [...(letters ?? FALLBACK)], known: letters !== undefined };
}

/**
 * The full AZ name for a letter (`a`) or a name (`ap-northeast-2a`) in `region`; otherwise a message that
 * lists the zones the region has.
 */
export function resolveZone(az: string, region: string): { zone: string } | { problem: string } {
    const full = /^[a-z]$/.test(az) ? `${region}${az}` : az;
    const letter = full.startsWith(region) ? full.slice(region.length) : "";
    const { letters, known } = zoneLetters(region);
    if (/^[a-z]$/.test(letter) && letters.includes(letter)) return { zone: full };
    const where = known
        ? `${region} has ${letters.join(", ")}`
        : `use a letter a-f after checking \`aws ec2 describe-availability-zones --region ${region}\``;
    return { problem: `"${az}" is not an availability zone of ${region}; ${where} (a letter, or a name like ${region}${letters[0]}).` };
}
