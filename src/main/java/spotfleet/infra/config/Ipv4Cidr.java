package spotfleet.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, with the arithmetic the subnet layout needs. */
public record Ipv4Cidr(long address, int prefix) {

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** The RFC 1918 private ranges. */
    private static final Ipv4Cidr[] PRIVATE = {
            new Ipv4Cidr(10L << 24, 8),
            new Ipv4Cidr((172L << 24) | (16L << 16), 12),
            new Ipv4Cidr((192L << 24) | (168L << 16), 16)};

    /** The block written as {@code a.b.c.d/n}, or empty when the text is not one. */
    public static Optional<Ipv4Cidr> parse(String text) {
        var m = CIDR.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            var octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        var prefix = Integer.parseInt(m.group(5));
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Cidr(address, prefix));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** The same block with the host bits cleared: what the text should have said when they were set. */
    public Ipv4Cidr network() {
        return new Ipv4Cidr(address & ~(size() - 1) & 0xFFFFFFFFL, prefix);
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefix >= prefix && (other.address & ~(size() - 1) & 0xFFFFFFFFL) == network().address;
    }

    public boolean isPrivate() {
        for (var range : PRIVATE) {
            if (range.contains(this)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code index}-th block of length {@code newPrefix} inside this one. */
    public Ipv4Cidr subnet(int newPrefix, int index) {
        var count = 1L << (newPrefix - prefix);
        if (newPrefix < prefix || index < 0 || index >= count) {
            throw new IllegalArgumentException("%s has no subnet /%d number %d".formatted(this, newPrefix, index));
        }
        return new Ipv4Cidr(network().address + index * (1L << (32 - newPrefix)), newPrefix);
    }

    @Override
    public String toString() {
        return "%d.%d.%d.%d/%d".formatted(address >> 24 & 255, address >> 16 & 255, address >> 8 & 255, address & 255, prefix);
    }
}
