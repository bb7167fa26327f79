package io.blindspot.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentTokenTest {

  @Test
  void issuedTokenClaimsItsServerAndMatchesOnlyItsDigest() {
    UUID server = UUID.randomUUID();
    AgentToken issued = AgentToken.issue(server);

    assertThat(AgentToken.claimedServerId(issued.token())).contains(server);
    byte[] digest = TokenDigest.sha256(issued.token());
    assertThat(TokenDigest.matches(issued.token(), digest)).isTrue();
    assertThat(TokenDigest.matches(AgentToken.issue(server).token(), digest)).isFalse();
  }

  @Test
  void otherStringsClaimNoServer() {
    assertThat(AgentToken.claimedServerId("admin-token")).isEmpty();
    assertThat(AgentToken.claimedServerId("bsa_nothex0000000000000000000000000_x")).isEmpty();
    assertThat(AgentToken.claimedServerId(null)).isEmpty();
  }
}
