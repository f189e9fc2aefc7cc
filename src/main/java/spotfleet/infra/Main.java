package spotfleet.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;

public final class Main {
    public static void main(String[] args) {
        Pulumi.run(Main::stack);
    }

    public static void stack(Context ctx) {
    }
}
