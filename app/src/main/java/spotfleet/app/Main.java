package spotfleet.app;

public final class Main {
    public static void main(String[] args) {
        io.helidon.webserver.WebServer.builder().port(5000).routing(r -> r.get("/", (req, res) -> res.send("<h1>HELLO WORLD</h1>"))).build().start();
    }
}
