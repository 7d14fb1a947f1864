// DynamoDB Local on one address only. Its command line has no host option and its Jetty
// server is built with `new Server(port)`, whose connector binds every interface. This
// launcher builds the very server the jar's own main() builds, sets the connector's host
// before start, and starts it. Arguments: <host> followed by DynamoDB Local's own options.
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: LoopbackDynamoDbLocal <host> [DynamoDB Local options]");
      System.exit(2);
    }
    String host = args[0];
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    if (proxy == null) System.exit(2); // the options were refused; the reason is already printed

    // The field is private; a jar update that renames it must fail loudly, never fall back
    // to listening on every interface.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local built a server without a connector");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) throw new IllegalStateException("unexpected connector " + connector.getClass().getName());
      ((ServerConnector) connector).setHost(host);
    }

    // safeStart(), unlike start(), throws when the port is taken instead of printing and
    // idling: the caller sees the process exit and tries another port.
    proxy.safeStart();
    System.out.println("LoopbackDynamoDbLocal listening on " + host + ":" + ((ServerConnector) connectors[0]).getLocalPort());
    proxy.join();
  }
}
