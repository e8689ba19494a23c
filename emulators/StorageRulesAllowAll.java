// Offline stand-in for firebase-tools' Cloud Storage rules runtime (a jar it downloads and this
// machine cannot). It speaks the runtime's line-delimited JSON protocol on stdin/stdout and
// permits every request. Backbone's server code uses admin credentials, which bypass Storage
// rules in production too, so nothing Backbone does depends on rule evaluation here.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class StorageRulesAllowAll {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");
  private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"(\\w+)\"");

  public static void main(String[] args) throws Exception {
    System.out.println("{\"id\":-1,\"status\":\"ok\",\"errors\":[],\"warnings\":[]}");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    String line;
    while ((line = in.readLine()) != null) {
      Matcher id = ID.matcher(line);
      Matcher action = ACTION.matcher(line);
      if (!id.find()) continue;
      String result = action.find() && action.group(1).equals("load_ruleset")
          ? "{\"rulesVersion\":2}"
          : "{\"permit\":true}";
      System.out.println("{\"id\":" + id.group(1) + ",\"status\":\"ok\",\"errors\":[],\"warnings\":[],\"result\":" + result + "}");
      System.out.flush();
    }
  }
}
