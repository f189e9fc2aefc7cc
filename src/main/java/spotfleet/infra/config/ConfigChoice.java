package spotfleet.infra.config;

/** An enum whose constants are spelled in config the way {@link #configValue()} says. */
public interface ConfigChoice {
    String configValue();
}
