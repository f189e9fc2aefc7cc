package spotfleet.infra.plan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * Name resolution that refuses every lookup, and says so on stderr, in a JVM started with
 * {@code -D}{@value #SWITCH}{@code =true}; everywhere else the JDK's own resolver. Reaching AWS, Docker Hub or the
 * Pulumi service starts with a name lookup, so a run without one made none of those calls.
 */
public final class NoNetworkResolverProvider extends InetAddressResolverProvider {

    public static final String SWITCH = "spotfleet.test.refuseNameLookups";
    public static final String REFUSED = "refused a name lookup of ";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        if (!Boolean.getBoolean(SWITCH)) {
            return configuration.builtinResolver();
        }
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                System.err.println(REFUSED + host);
                throw new UnknownHostException(REFUSED + host);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                System.err.println(REFUSED + "an address");
                throw new UnknownHostException(REFUSED + "an address");
            }
        };
    }

    @Override
    public String name() {
        return "spotfleet-no-network";
    }
}
