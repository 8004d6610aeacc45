package dev.kappa.agreement;

import dev.kappa.analysis.AnswerFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultResamplesTest {
    @Test
    @DisplayName("default resamples: 1000 up to 2,000 answers, about 2e6 / answers in hundreds above, none past 20,000")
    void defaults() {
        assertEquals(1000, AgreementService.defaultResamples(0));
        assertEquals(1000, AgreementService.defaultResamples(180));
        assertEquals(1000, AgreementService.defaultResamples(2000));
        assertEquals(600, AgreementService.defaultResamples(3000));
        assertEquals(200, AgreementService.defaultResamples(10_000));
        assertEquals(100, AgreementService.defaultResamples(20_000));
        assertEquals(0, AgreementService.defaultResamples(20_001));
        AgreementRequest byDefault = new AgreementRequest(AnswerFilter.ALL, 10, null, 1, 0.95);
        assertTrue(AgreementService.noResamplesReason(byDefault, 1_000_000).contains("resamples=100"));
        AgreementRequest none = new AgreementRequest(AnswerFilter.ALL, 10, 0, 1, 0.95);
        assertEquals("no bootstrap asked (resamples=0)", AgreementService.noResamplesReason(none, 50));
    }
}
